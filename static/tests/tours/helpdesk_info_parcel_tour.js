import { registry } from "@web/core/registry";

// The front desk clerk, on a phone: logs a parcel for an owner (who is told
// at once), then hands it over against the collector's signature. The
// selectors read no label, so that the tour runs in the clerk's language.

// On a phone a many2one opens a search dialog: tap the field, search, then
// tap the record.
function pickOnPhone(field, text) {
    return [
        {
            content: `Open the search of ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: "click",
        },
        {
            content: "Open the search",
            trigger: ".modal .o_control_panel .fa-search",
            run: "click",
        },
        {
            content: `Search ${text}`,
            trigger: ".modal .o_searchview_input",
            run: `edit ${text}`,
        },
        {
            content: "Run the search",
            trigger: ".modal .o_searchview_input",
            run: "press Enter",
        },
        {
            content: `Pick ${text}`,
            trigger: `.modal .o_kanban_record:contains("${text}")`,
            run: "click",
        },
        {
            content: `${text} picked`,
            trigger: `body:not(:has(.modal)) .o_field_widget[name=${field}] input:value("${text}")`,
        },
    ];
}
registry.category("web_tour.tours").add("helpdesk_info_parcel_tour", {
    steps: () => [
        {
            content: "The mail log opens on its cards",
            trigger: ".o_kanban_view.o_hpi_parcel_kanban",
        },
        {
            content: "Log a new parcel",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        ...pickOnPhone("community_id", "邮件花园"),
        ...pickOnPhone("partner_id", "钱女士"),
        {
            content: "The courier's tracking number",
            trigger: ".o_field_widget[name=tracking_number] input",
            run: "edit SF-TOUR-0001",
        },
        {
            content: "Save: the owner is told",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Logged with its number, the owner told",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=name]:contains('MAIL/')",
        },
        {
            content: "Who collects it",
            trigger: ".o_field_widget[name=collected_by] input",
            run: "edit 钱女士",
        },
        {
            content: "Open the signature pad",
            trigger: ".o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "Signed",
            trigger: ".o_field_widget[name=signature] img.o_signature",
        },
        {
            content: "Hand it over",
            trigger: ".o_statusbar_buttons button[name=action_hand_over]",
            run: "click",
        },
        {
            content: "Handed over: the date is recorded, the buttons are gone",
            trigger:
                ".o_form_view:not(:has(button[name=action_hand_over])) " +
                ".o_field_widget[name=handed_date]",
        },
    ],
});
