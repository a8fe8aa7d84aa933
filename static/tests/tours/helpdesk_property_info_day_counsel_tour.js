import { registry } from "@web/core/registry";

const SUBJECT = "Day: owner threatens to sue";
const ADVICE = "Answer in writing only; keep the repair invoices and photos.";
// The reply button has the same name; the legal advice one is the primary.
const ADVICE_BUTTON =
    ".o_statusbar_buttons button.btn-primary[name=action_open_record_wizard]";

// Legal counsel logs on to the tickets that ask for her advice, opens the one
// that may go to court and records her advice.
registry.category("web_tour.tours").add("helpdesk_property_info_day_counsel", {
    steps: () => [
        {
            content: "Logged on, counsel is on the tickets awaiting her advice",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "Open the ticket that may lead to a lawsuit",
            trigger: `.o_data_row:contains('${SUBJECT}') td[name=name]`,
            run: "click",
        },
        {
            content: "Record the legal advice",
            trigger: `.o_form_view ${ADVICE_BUTTON}`,
            run: "click",
        },
        {
            content: "The advice",
            trigger: ".modal .o_field_widget[name=text] textarea",
            run: `edit ${ADVICE}`,
        },
        {
            content: "Record it",
            trigger: ".modal button[name=action_record]",
            run: "click",
        },
        {
            content: "The advice is in the chatter",
            trigger: ".o-mail-Message:contains('keep the repair invoices and photos')",
        },
        {
            content: "No advice is awaited any more: the button is gone",
            trigger: `.o_form_view:not(:has(${ADVICE_BUTTON}))`,
        },
    ],
});
