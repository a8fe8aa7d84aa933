import { registry } from "@web/core/registry";
import { pickMany2one, save } from "./tour_steps";

// The front desk, at the desk: from the home screen the Customer Service
// agent opens the move-ins from the menu, records an owner's move-in with
// the keys and meters and confirms it; then he registers the owner's
// decoration and submits it for the engineering department's approval.
// The selectors read no label, whatever the agent's language.
const MENU = "helpdesk_property_info.menu_front_desk";

// Waits for a column of the list opened: "New" is clicked on that list,
// not on the one the agent came from.
function openMenu(item, column) {
    return [
        {
            content: "Open the front desk's menu",
            trigger: `.o_menu_sections [data-menu-xmlid='${MENU}']`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.dropdown-item[data-menu-xmlid='helpdesk_property_info.${item}']`,
            run: "click",
        },
        {
            content: `The list of ${item} is open`,
            trigger: `.o_list_view th[data-name=${column}]`,
        },
    ];
}

registry.category("web_tour.tours").add("helpdesk_info_front_desk", {
    steps: () => [
        {
            content: "He lands on his home screen",
            trigger: ".o_action_manager .o_view_controller",
        },
        ...openMenu("menu_front_desk_move_ins", "date_end"),
        {
            content: "New move-in",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickMany2one("unit_id", "Tour Desk Garden"),
        ...pickMany2one("partner_id", "Owner Tour"),
        {
            content: "Four keys",
            trigger: ".o_field_widget[name=keys_count] input",
            run: "edit 4",
        },
        {
            content: "Electricity meter",
            trigger: ".o_field_widget[name=electricity_reading] input",
            run: "edit 12.5",
        },
        {
            content: "Documents signed",
            trigger: ".o_field_widget[name=documents_signed] input",
            run: "click",
        },
        ...save(),
        {
            content: "Confirm",
            trigger: "button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The move-in is confirmed: the occupancy is shown",
            trigger: ".o_field_widget[name=occupancy_id]",
        },
        ...openMenu("menu_front_desk_decorations", "contractor"),
        {
            content: "New decoration",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickMany2one("unit_id", "Tour Desk Garden"),
        ...pickMany2one("owner_id", "Owner Tour"),
        {
            content: "Contractor",
            trigger: ".o_field_widget[name=contractor] input",
            run: "edit Anju Decoration",
        },
        {
            content: "Planned start",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 01/05/2027",
        },
        {
            content: "Planned end",
            trigger: ".o_field_widget[name=date_end] input",
            run: "edit 03/05/2027",
        },
        {
            content: "Deposit",
            trigger: ".o_field_widget[name=deposit_amount] input",
            run: "edit 3000",
        },
        {
            content: "Rules acknowledged",
            trigger: ".o_field_widget[name=rules_acknowledged] input",
            run: "click",
        },
        ...save(),
        {
            content: "Submit for approval",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "It waits for the engineering department",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=pending]",
        },
    ],
});
