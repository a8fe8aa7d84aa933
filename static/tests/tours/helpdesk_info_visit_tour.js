import { registry } from "@web/core/registry";

// A customer assistant, on her phone, draws two visits in her community,
// records what the owner said at the first one, marks it done and turns the
// opinion into a ticket.
registry.category("web_tour.tours").add("helpdesk_info_visit_draw_record_ticket", {
    steps: () => [
        {
            content: "Pick the community: on a phone, a search dialog opens",
            trigger: ".o_field_widget[name=community_id] input",
            run: "click",
        },
        {
            content: "Tour Garden",
            trigger: ".modal:not(.o_inactive_modal) .o_kanban_record:contains('Tour Garden'), .modal:not(.o_inactive_modal) .o_data_row:contains('Tour Garden') td.o_data_cell",
            run: "click",
        },
        {
            content: "Two visits",
            trigger: ".o_field_widget[name=number] input",
            run: "edit 2",
        },
        {
            content: "Draw",
            trigger: "button.o_visit_draw",
            run: "click",
        },
        {
            content: "The proposal lists two units",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:nth-child(2):contains('Tour Garden')",
        },
        {
            content: "Plan these visits",
            trigger: "button.o_visit_draw_confirm",
            run: "click",
        },
        {
            content: "Open a planned visit",
            trigger: "body:not(:has(.modal)) .o_action_manager .o_kanban_record:contains('Tour Garden'), body:not(:has(.modal)) .o_action_manager .o_data_row:contains('Tour Garden') td.o_data_cell",
            run: "click",
        },
        {
            content: "Record the opinion",
            trigger: ".o_field_widget[name=opinions] textarea",
            run: "edit The lift is too slow in the morning.",
        },
        {
            content: "Satisfied",
            trigger: ".o_field_widget[name=satisfaction] input[data-value='4']",
            run: "click",
        },
        {
            content: "Done",
            trigger: "button.o_visit_done",
            run: "click",
        },
        {
            content: "The visit is done",
            trigger: ".o_field_widget[name=visited_on]",
        },
        {
            content: "Turn into ticket",
            trigger: "button.o_visit_create_ticket",
            run: "click",
        },
        {
            content: "The ticket names its visit",
            trigger: ".o_form_view .o_field_widget[name=customer_visit_id]",
        },
    ],
});
