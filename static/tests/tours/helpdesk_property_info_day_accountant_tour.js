import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

// An accountant's day, at the desk: from the vendor bills, his home screen, he
// opens Invoicing, then the reception expenses waiting to be exported (Vendors
// menu) and exports those of the month as vendor bills. The selectors read no
// label, so that the tour runs whatever the accountant's language.
registry.category("web_tour.tours").add("helpdesk_property_info_day_accountant", {
    steps: () => [
        {
            content: "He lands on his home screen",
            trigger: ".o_action_manager .o_view_controller",
        },
        {
            content: "Open the apps",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open Invoicing",
            trigger: ".o_app[data-menu-xmlid='account.menu_finance']",
            run: "click",
        },
        {
            content: "Open the Vendors menu",
            trigger: ".o_menu_sections [data-menu-xmlid='account.menu_finance_payables']",
            run: "click",
        },
        {
            content: "Open the reception expenses",
            trigger:
                ".dropdown-item" +
                "[data-menu-xmlid='helpdesk_property_info.menu_account_reception_expenses']",
            run: "click",
        },
        {
            content: "The approved expenses wait to be exported",
            trigger: ".o_list_view th[data-name=policy_id] ~ th[data-name=purpose]",
        },
        {
            content: "Among them the tea of the month",
            trigger: ".o_list_view .o_data_row:contains('Day Tea House')",
        },
        {
            content: "Export to Accounting, without selecting any",
            trigger: ".o_control_panel button[type=action]",
            run: "click",
        },
        {
            content: "From the first of the month",
            trigger: ".modal .o_field_widget[name=date_from] input",
            run: `edit ${formatDate(DateTime.now().startOf("month"))}`,
        },
        {
            content: "To its last day",
            trigger: ".modal .o_field_widget[name=date_to] input",
            run: `edit ${formatDate(DateTime.now().endOf("month"))}`,
        },
        {
            content: "Leave the date",
            trigger: ".modal .modal-body p",
            run: "click",
        },
        {
            content: "Create the vendor bills",
            trigger: ".modal button[name=action_create_moves]",
            run: "click",
        },
        {
            content: "The two vendor bills of the month are listed",
            trigger:
                "body:not(:has(.modal)) .o_list_view:has(.o_data_row:nth-child(2))" +
                ":not(:has(.o_data_row:nth-child(3)))",
        },
    ],
});
