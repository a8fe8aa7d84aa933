// Steps the addon's tours share.

export function pickMany2one(field, text) {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains("${text}")`,
            run: "click",
        },
    ];
}

export function save() {
    return [
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        { content: "Saved", trigger: ".o_form_view .o_form_saved" },
    ];
}

// On a repair's form, the worker accepts the repair, then arrives on site:
// each button is the one his phone shows first.
export function acceptAndArrive() {
    return [
        {
            content: "Accept the repair",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_repair_accept]",
            run: "click",
        },
        {
            content: "Accepted: arrived on site",
            trigger:
                ".o_form_view:not(:has(button[name=action_repair_accept])) " +
                ".o_statusbar_buttons button[name=action_repair_arrive]",
            run: "click",
        },
    ];
}
