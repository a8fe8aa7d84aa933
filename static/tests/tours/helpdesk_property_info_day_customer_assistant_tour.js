import { registry } from "@web/core/registry";

// A customer assistant's day, on her phone: from her home screen she opens My
// Visits from the menu, taps the visit planned for her, records what the
// owner said and how satisfied they are and marks the visit done; then she
// opens My Patrols, starts the patrol of the day, opens its floor, checks each
// item of the floor's sheet, saves, and completes the patrol. The selectors
// read no label, so that the tour runs whatever her language.
function openMenu(xmlid) {
    return [
        {
            content: "Open the menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: `Open ${xmlid}`,
            trigger: `.o_app_menu_sidebar [data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

function checkItem(item, result, note) {
    const steps = [
        {
            content: `Open the item ${item}`,
            trigger: `.modal .o_field_widget[name=check_ids] .o_kanban_record:contains('${item}')`,
            run: "click",
        },
        {
            content: `${item}: ${result}`,
            trigger: `.modal:last .o_field_widget[name=result] input[data-value=${result}]`,
            run: "click",
        },
    ];
    if (note) {
        steps.push({
            content: `${item}: what was done`,
            trigger: ".modal:last .o_field_widget[name=note] input",
            run: `edit ${note}`,
        });
    }
    steps.push(
        {
            content: `Keep the item ${item}`,
            trigger: ".modal:last .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: `The sheet shows ${item} answered`,
            trigger:
                `.modal:not(:has(.modal)) .o_field_widget[name=check_ids] ` +
                `.o_kanban_record:contains('${item}') .badge`,
        }
    );
    return steps;
}

registry.category("web_tour.tours").add("helpdesk_property_info_day_customer_assistant", {
    steps: () => [
        {
            content: "She lands on her home screen",
            trigger: ".o_action_manager .o_view_controller",
        },
        ...openMenu("helpdesk_property_info.menu_customer_visits_mine"),
        {
            content: "Tap the visit planned for her",
            trigger:
                ".o_helpdesk_visit_kanban .o_kanban_record:contains('Day Owner Zhao') " +
                ".fa-user",
            run: "click",
        },
        {
            content: "Record what the owner said",
            trigger: ".o_form_view .o_field_widget[name=opinions] textarea",
            run: "edit The corridor lights stay on all day.",
        },
        {
            content: "Satisfied",
            trigger: ".o_form_view .o_field_widget[name=satisfaction] input[data-value='4']",
            run: "click",
        },
        {
            content: "The visit took place",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        {
            content: "The visit is done: its time shows",
            trigger: ".o_form_view .o_field_widget[name=visited_on]",
        },
        ...openMenu("helpdesk_property_info.menu_patrols_mine"),
        {
            content: "Start the patrol of the day from its card",
            trigger: ".o_kanban_record:contains('Day Garden') button.o_patrol_start",
            run: "click",
        },
        {
            content: "Open the patrol",
            trigger:
                ".o_kanban_record:contains('Day Garden'):not(:has(button.o_patrol_start)) " +
                ".fa-building-o",
            run: "click",
        },
        {
            content: "Open the floor's inspection sheet",
            trigger: ".o_field_widget[name=floor_ids] .o_kanban_record:first",
            run: "click",
        },
        ...checkItem("Day Lighting", "ok"),
        ...checkItem("Day Fire Door", "fixed", "Door closer tightened"),
        {
            content: "Keep the floor",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the patrol",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Complete the patrol",
            trigger:
                ".o_form_view:not(:has(.o_form_button_save:visible)) " +
                ".o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        {
            content: "The patrol is done",
            trigger: ".o_form_view:not(:has(button[name=action_done]))",
        },
    ],
});
