import { registry } from "@web/core/registry";

const MENU = "[data-menu-xmlid='helpdesk_property_info.menu_publications']";
const MENU_ROOT = "[data-menu-xmlid='helpdesk_property_info.menu_publications_root']";
const HELPDESK = "[data-menu-xmlid='helpdesk_mgmt.helpdesk_ticket_main_menu']";
const STATUS = ".o_statusbar_status .o_arrow_button_current";

// A company leader logs on, goes to the publications through the menus,
// opens the written reply waiting for his approval and approves it.
registry.category("web_tour.tours").add("helpdesk_property_info_day_leader", {
    steps: () => [
        {
            content: "Logged on, the leader is on what awaits his opinion",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "Open the apps",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Helpdesk",
            trigger: `.o-dropdown--menu ${HELPDESK}`,
            run: "click",
        },
        {
            content: "Publications",
            trigger: `.o_menu_sections ${MENU_ROOT}`,
            run: "click",
        },
        {
            content: "The publications",
            trigger: `.o-dropdown--menu ${MENU}`,
            run: "click",
        },
        {
            content: "Open the written reply waiting for approval",
            trigger: ".o_data_row:contains('Day: broken gate intercom') td[name=name]",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: `${STATUS}[data-value=to_approve]`,
        },
        {
            content: "Approve it",
            trigger: "button[name=validate_tier]",
            run: "click",
        },
        {
            content: "Approved",
            trigger: `${STATUS}[data-value=approved]`,
        },
    ],
});
