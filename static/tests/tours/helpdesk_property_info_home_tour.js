import { registry } from "@web/core/registry";

// A maintenance worker logs in on his phone: without a tap he is on My
// Repairs, its cards offer their buttons, and no OdooBot chat covers them.
registry.category("web_tour.tours").add("helpdesk_property_info_home_worker", {
    steps: () => [
        {
            content: "The repair's card is on the first screen",
            trigger:
                ".o_helpdesk_repair_kanban .o_kanban_record:contains('Blocked drain') " +
                "button.o_repair_arrive",
        },
        {
            content: "No chat window over the cards",
            trigger: "body:not(:has(.o-mail-ChatWindow))",
        },
    ],
});
