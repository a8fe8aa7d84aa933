import { registry } from "@web/core/registry";
import { acceptAndArrive } from "@helpdesk_property_info/../tests/tours/tour_steps";

// A maintenance worker's day, on his phone: he logs in and is on My Repairs,
// taps the repair's card, then on its form accepts it, arrives on site and
// finishes the work, which he confirms. Each of these buttons is the one the
// phone shows first (the others fold under a menu): the second tap from log
// on is Accept. The selectors read no label, so that the tour runs whatever
// the worker's language.
registry.category("web_tour.tours").add("helpdesk_property_info_day_maintenance_worker", {
    steps: () => [
        {
            content: "Home is My Repairs: tap the repair's card",
            trigger:
                ".o_helpdesk_repair_kanban .o_kanban_record " +
                ".fw-bold:contains('Day Burst Pipe')",
            run: "click",
        },
        ...acceptAndArrive(),
        {
            content: "On site: the work is done",
            trigger:
                ".o_form_view:not(:has(button[name=action_repair_arrive])) " +
                ".o_statusbar_buttons button[name=action_repair_done]",
            run: "click",
        },
        {
            content: "Confirm the work is finished",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Done: no repair button is left",
            trigger:
                "body:not(:has(.modal)) .o_form_view:not(:has(button[name=action_repair_done]))" +
                ":not(:has(button[name=action_repair_arrive]))",
        },
    ],
});
