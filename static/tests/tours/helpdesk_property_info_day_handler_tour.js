import { registry } from "@web/core/registry";

const SUBJECT = "Day: water stain on the ceiling";
const REPLY = "Called Mr Lin back: the roofer comes on Thursday morning.";
const RECORD_BUTTON = ".o_statusbar_buttons button[name=action_open_record_wizard]";

// A department handler logs on, opens the complaint routed to his team from
// his ticket list and records that he called the owner back.
registry.category("web_tour.tours").add("helpdesk_property_info_day_handler", {
    steps: () => [
        {
            content: "Logged on, the handler is on his ticket list",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "Open the complaint routed to his department",
            trigger: `.o_data_row:contains('${SUBJECT}') td[name=name]`,
            run: "click",
        },
        {
            content: "Record the reply by phone",
            trigger: `.o_form_view ${RECORD_BUTTON}`,
            run: "click",
        },
        {
            content: "By phone",
            trigger: ".modal [name=reply_method] input[data-value=phone]",
            run: "click",
        },
        {
            content: "What was said",
            trigger: ".modal .o_field_widget[name=text] textarea",
            run: `edit ${REPLY}`,
        },
        {
            content: "Record it",
            trigger: ".modal button[name=action_record]",
            run: "click",
        },
        {
            content: "The reply is in the chatter",
            trigger: ".o-mail-Message:contains('the roofer comes on Thursday morning')",
        },
        {
            content: "Nothing is left to record: the button is gone",
            trigger: `.o_form_view:not(:has(${RECORD_BUTTON}))`,
        },
    ],
});
