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
