import { registry } from "@web/core/registry";

// A maintenance worker, on his phone, sees on the repair's card the community
// and room (the building numbers repeat from one community to the next) and
// that another repair is past its arrival deadline, taps Arrived on Site,
// then Work Done, which he confirms.
registry.category("web_tour.tours").add("helpdesk_property_info_repair_arrive", {
    steps: () => [
        {
            content: "The repair's card shows its community, room and deadline",
            trigger: ".o_kanban_record:contains('Burst pipe'):contains('5-1-302') .o_repair_community:contains('Tour Garden')",
        },
        {
            content: "The card of the repair past its deadline shows it in red",
            trigger: ".o_kanban_record:contains('Leaking roof') .o_repair_overdue.text-danger",
        },
        {
            content: "Arrived on site",
            trigger: ".o_kanban_record:contains('Burst pipe') button.o_repair_arrive",
            run: "click",
        },
        {
            content: "The card now offers Work Done",
            trigger: ".o_kanban_record:contains('Burst pipe') button.o_repair_done",
            run: "click",
        },
        {
            content: "Work Done asks for a confirmation",
            trigger: ".modal:contains('Is the work finished') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The work is done: the repair leaves the repairs to do",
            trigger: "body:not(:has(.modal)) .o_kanban_view:not(:has(.o_kanban_record:contains('Burst pipe')))",
        },
    ],
});
