import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

// A Customer Service manager's day, at the desk: from the home screen he
// opens the information reports from the menu, makes the weekly report of
// last week and prints it; then he draws this month's visits of a community
// and plans them. The selectors read no label, so that the tour runs
// whatever the manager's language.
function openMenu(section, item) {
    return [
        {
            content: `Open the menu ${section}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.dropdown-item[data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("helpdesk_property_info_day_cs_manager", {
    steps: () => [
        {
            content: "He lands on his home screen",
            trigger: ".o_action_manager .o_view_controller",
        },
        ...openMenu(
            "helpdesk_property_info.menu_statistics",
            "helpdesk_property_info.menu_info_reports"
        ),
        {
            content: "The reports are listed",
            trigger: ".o_list_view th[data-name=kind] ~ th[data-name=date_to]",
        },
        { content: "A new report", trigger: ".o_list_button_add", run: "click" },
        {
            content: "Open the kinds of report",
            trigger: ".o_form_view .o_field_widget[name=kind] .o_select_menu_toggler",
            run: "click",
        },
        {
            // Daily, Weekly, Monthly, Quarterly: the second one.
            content: "The weekly report",
            trigger: ".o_select_menu_item[data-choice-index='1']",
            run: "click",
        },
        {
            content: "The first day: it shows today",
            trigger: ".o_form_view .o_field_widget[name=date_from] button",
            run: "click",
        },
        {
            content: "Any day of last week",
            trigger: ".o_form_view .o_field_widget[name=date_from] input",
            run: `edit ${formatDate(DateTime.now().minus({ weeks: 1 }))}`,
        },
        {
            content: "Leave the date",
            trigger: ".o_form_view .o_field_widget[name=team_id] input",
            run: "click",
        },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        {
            content: "Saved: print it",
            trigger:
                ".o_form_view .o_form_saved " +
                ".o_statusbar_buttons button[type=action]",
            run: "click",
        },
        {
            content: "The report is downloaded",
            trigger: "body:not(:has(.o_blockUI)) .o_form_view .o_form_saved",
        },
        ...openMenu(
            "helpdesk_property_info.menu_customer_visits_root",
            "helpdesk_property_info.menu_customer_visits_draw"
        ),
        {
            content: "The community",
            trigger: ".modal .o_field_widget[name=community_id] input",
            run: "edit Day Plan Garden",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Day Plan Garden')",
            run: "click",
        },
        {
            content: "Two visits",
            trigger: ".modal .o_field_widget[name=number] input",
            run: "edit 2",
        },
        { content: "Draw", trigger: ".modal button.o_visit_draw", run: "click" },
        {
            content: "The proposal lists two units",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:nth-child(2)",
        },
        {
            content: "Plan these visits",
            trigger: ".modal button.o_visit_draw_confirm",
            run: "click",
        },
        {
            content: "The planned visits are listed",
            trigger:
                "body:not(:has(.modal)) .o_action_manager " +
                ".o_data_row:contains('Day Plan Garden'), " +
                "body:not(:has(.modal)) .o_action_manager " +
                ".o_kanban_record:contains('Day Plan Garden')",
        },
    ],
});
