import { registry } from "@web/core/registry";

// A customer assistant, on her phone, starts the patrol of the day, checks
// the lighting of the first floor, records it as a problem (the patrol shows
// it before it is saved) and turns it into a ticket.
registry.category("web_tour.tours").add("helpdesk_property_info_patrol_walk", {
    steps: () => [
        {
            content: "Start the patrol from its card",
            trigger: ".o_kanban_record:contains('Tour Garden') button.o_patrol_start",
            run: "click",
        },
        {
            content: "Open the patrol",
            trigger: ".o_kanban_record:contains('Tour Garden'):not(:has(button.o_patrol_start))",
            run: "click",
        },
        {
            content: "Open the first floor's inspection sheet",
            trigger: ".o_field_widget[name=floor_ids] .o_kanban_record:first",
            run: "click",
        },
        {
            content: "Open the lighting item",
            trigger: ".modal .o_field_widget[name=check_ids] .o_kanban_record:contains('Lighting')",
            run: "click",
        },
        {
            content: "Record a problem",
            trigger: ".modal:last .o_field_widget[name=result] input[data-value=problem]",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: ".modal:last .o_field_widget[name=note] input",
            run: "edit Corridor light out",
        },
        {
            content: "Keep the item",
            trigger: ".modal:last .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The sheet shows the problem",
            trigger: ".modal .o_field_widget[name=check_ids] .o_kanban_record:contains('Lighting'):contains('Problem')",
        },
        {
            content: "Keep the floor",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "Before saving, the patrol counts the problem without ticket",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=finding_without_ticket_count]:contains('1')",
        },
        {
            content: "Open the problems found",
            trigger: ".o_notebook a:contains('Problems Found')",
            run: "click",
        },
        {
            content: "Before saving, the problem is listed",
            trigger: ".o_field_widget[name=finding_ids] .o_kanban_record:contains('Lighting')",
        },
        {
            content: "Save the patrol",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "Create its ticket",
            trigger: ".o_field_widget[name=finding_ids] .o_kanban_record:contains('Lighting') button.o_patrol_create_ticket",
            run: "click",
        },
        {
            content: "The ticket opens",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Lighting'), .o_form_view .o_field_widget[name=name] input",
        },
    ],
});
