import { registry } from "@web/core/registry";
import { acceptAndArrive } from "@helpdesk_property_info/../tests/tours/tour_steps";

// The repair worker on call, on his phone: the emergency the roster
// dispatched to him waits among his activities; he opens it, accepts the
// repair and arrives on site. The selectors read no label, so that the tour
// runs whatever the worker's language.
registry.category("web_tour.tours").add("helpdesk_property_info_on_call_worker", {
    steps: () => [
        {
            content: "The alert: an activity waits for him",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
        },
        {
            content: "Open his activities",
            trigger: ".o_menu_systray .fa-clock-o",
            run: "click",
        },
        {
            content: "The repair order is there",
            trigger: ".o-mail-ActivityMenu .o-mail-ActivityGroup",
            run: "click",
        },
        {
            content: "Tap the repair",
            trigger: ".o_data_row:contains('Night Burst Main') .o_data_cell[name=name]",
            run: "click",
        },
        ...acceptAndArrive(),
        {
            content: "On site: the work is what is left",
            trigger:
                ".o_form_view:not(:has(button[name=action_repair_arrive])) " +
                ".o_statusbar_buttons button[name=action_repair_done]",
        },
    ],
});
