import { registry } from "@web/core/registry";

// A maintenance worker, on his phone, reaches the owner's door and taps
// Arrived on Site on the repair's card, then finds Work Done in its place.
registry.category("web_tour.tours").add("helpdesk_property_info_repair_arrive", {
    steps: () => [
        {
            content: "The repair's card shows its room and deadline",
            trigger: ".o_kanban_record:contains('Burst pipe'):contains('5-1-302')",
        },
        {
            content: "Arrived on site",
            trigger: ".o_kanban_record:contains('Burst pipe') button.o_repair_arrive",
            run: "click",
        },
        {
            content: "The card now offers Work Done",
            trigger: ".o_kanban_record:contains('Burst pipe') button.o_repair_done",
        },
    ],
});
