import { registry } from "@web/core/registry";
import { pickMany2one, save } from "@helpdesk_property_info/../tests/tours/tour_steps";

// A day of Customer Service, from log on, whatever the user's language: the
// labels of the shipped data (channel, content type) and the ids of the
// kinds and urgency come from the test, in window.hpiDayInTheLife, set just
// before the tour starts (the steps are built again then; the first build,
// to check that the tour is ready, has none).

function pickRadio(field, value) {
    const input = `.o_field_widget[name=${field}] input[data-value="${value}"]`;
    return [
        { content: `Choose ${value} in ${field}`, trigger: input, run: "click" },
        { content: `${field} is ${value}`, trigger: `${input}:checked` },
    ];
}

function type(field, text, tag = "input") {
    return {
        content: `${field}: ${text}`,
        trigger: `.o_field_widget[name=${field}] ${tag}`,
        run: `edit ${text}`,
    };
}

function intake(day, { subject, caller, room, phone, matter }) {
    return [
        type("name", subject),
        ...pickMany2one("channel_id", day.phone),
        type("contact_name", caller),
        type("room_number", room),
        type("contact_phone", phone),
        type("matter", matter, "textarea"),
    ];
}

registry.category("web_tour.tours").add("helpdesk_property_info_day_cs_agent", {
    steps: () => {
        const day = window.hpiDayInTheLife || {};
        return [
            {
                content: "Logged on, the agent is on the ticket list",
                trigger: ".o_action_manager .o_list_view",
            },
            {
                content: "A phone call: new ticket",
                trigger: ".o_list_button_add",
                run: "click",
            },
            ...pickRadio("type_id", day.complaint),
            ...intake(day, {
                subject: "Day: lift noise at night",
                caller: "周女士",
                room: "6-2-1203",
                phone: "13811112222",
                matter: "The lift hums all night next to the bedroom.",
            }),
            ...pickMany2one("category_id", day.category),
            ...pickRadio("info_nature", "negative"),
            ...save(),
            {
                content: "Back to the ticket list",
                trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
                run: "click",
            },
            {
                content: "The complaint heads the list",
                trigger: ".o_data_row:first:contains('Day: lift noise at night')",
            },
            {
                content: "Next call, a repair: new ticket",
                trigger: ".o_list_button_add",
                run: "click",
            },
            ...pickRadio("type_id", day.repair),
            ...pickRadio("repair_urgency_id", day.emergency),
            ...intake(day, {
                subject: "Day: no water in the kitchen",
                caller: "吴先生",
                room: "2-1-301",
                phone: "13933334444",
                matter: "No water from the kitchen tap since this morning.",
            }),
            ...save(),
        ];
    },
});
