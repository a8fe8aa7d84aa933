import { registry } from "@web/core/registry";
import { pickMany2one, save } from "@helpdesk_property_info/../tests/tours/tour_steps";

// A Customer Service agent records a telephone complaint with its intake record.
registry.category("web_tour.tours").add("helpdesk_property_info_flow_intake", {
    steps: () => [
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Water leaking from the roof",
        },
        ...pickMany2one("channel_id", "Phone"),
        ...pickMany2one("partner_id", "Mrs Sun"),
        ...pickMany2one("category_id", "Civil Works"),
        {
            content: "Caller",
            trigger: ".o_field_widget[name=contact_name] input",
            run: "edit Mrs Sun",
        },
        {
            content: "Room",
            trigger: ".o_field_widget[name=room_number] input",
            run: "edit 3-2-1801",
        },
        {
            content: "Phone",
            trigger: ".o_field_widget[name=contact_phone] input",
            run: "edit 13812345678",
        },
        {
            content: "Matter",
            trigger: ".o_field_widget[name=matter] textarea",
            run: "edit Bedroom ceiling wet after the rain.",
        },
        {
            content: "Description",
            trigger: ".o_field_widget[name=description] .odoo-editor-editable",
            run: "editor Ceiling wet after rain, asks for a repair.",
        },
        ...save(),
    ],
});

// Customer Service drafts the written reply and submits it.
registry.category("web_tour.tours").add("helpdesk_property_info_flow_written_reply", {
    steps: () => [
        {
            content: "Draft a written reply",
            trigger: "button[name=action_draft_written_reply]",
            run: "click",
        },
        {
            content: "The draft is pre-filled from the ticket",
            trigger: ".o_field_widget[name=content] p:contains('Water leaking from the roof')",
        },
        { content: "Submit it", trigger: "button[name=action_submit]", run: "click" },
        {
            content: "It waits for a leader",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Waiting Approval')",
        },
    ],
});

// A company leader approves it.
registry.category("web_tour.tours").add("helpdesk_property_info_flow_leader_approval", {
    steps: () => [
        { content: "Approve", trigger: "button[name=validate_tier]", run: "click" },
        {
            content: "Approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
    ],
});

// Customer Service sends it to the customer.
registry.category("web_tour.tours").add("helpdesk_property_info_flow_send", {
    steps: () => [
        { content: "Send it", trigger: "button[name=action_send]", run: "click" },
        {
            content: "Published",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Published')",
        },
    ],
});

// Customer Service closes the ticket and records the return visit.
registry.category("web_tour.tours").add("helpdesk_property_info_flow_return_visit", {
    steps: () => [
        {
            content: "Show the folded stages",
            trigger: ".o_statusbar_status .dropdown-toggle",
            run: "click",
        },
        {
            content: "Close the ticket",
            trigger: ".dropdown-item:contains('Done')",
            run: "click",
        },
        {
            content: "Record the return visit",
            trigger: "button:contains('Record Return Visit')",
            run: "click",
        },
        {
            content: "What the customer said",
            trigger: ".modal textarea",
            run: "edit Roof repaired, customer satisfied.",
        },
        { content: "Record it", trigger: ".modal button:contains('Record')", run: "click" },
        {
            content: "The visit is recorded in the chatter",
            trigger: ".o-mail-Message:contains('Roof repaired, customer satisfied.')",
        },
    ],
});

function recordTeaExpense(amount) {
    return [
        ...pickMany2one("policy_id", "Cigarettes and Tea"),
        { content: "What it cost", trigger: ".o_field_widget[name=amount] input", run: `edit ${amount}` },
        {
            content: "What for",
            trigger: ".o_field_widget[name=purpose] textarea",
            run: "edit Tea for the owners' visit",
        },
        { content: "Confirm it", trigger: "button[name=action_confirm]", run: "click" },
    ];
}

// Customer Service records a reception expense over its monthly limit: the
// refusal shows the figures; at a compliant amount it is approved.
registry.category("web_tour.tours").add("helpdesk_property_info_flow_expense_limits", {
    steps: () => [
        ...recordTeaExpense(480),
        {
            content: "Refused with the month's figures",
            trigger: ".modal-body:contains('this month'):contains('40.00 of'):contains('100.00 used'):contains('exceeds it by'):contains('420.00')",
        },
        { content: "Close the message", trigger: ".modal .btn-primary", run: "click" },
        {
            content: "Still a draft",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Draft')",
        },
        { content: "A compliant amount", trigger: ".o_field_widget[name=amount] input", run: "edit 60" },
        { content: "Confirm again", trigger: "button[name=action_confirm]", run: "click" },
        {
            content: "Within the limit, it is approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
    ],
});
