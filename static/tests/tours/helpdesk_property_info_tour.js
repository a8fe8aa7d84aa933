import { registry } from "@web/core/registry";

function toggleFilter(name) {
    return [
        {
            content: `Apply the filter ${name}`,
            trigger: `.o_filter_menu .o_menu_item:contains("${name}")`,
            run: "click",
        },
        {
            content: `The filter ${name} is applied without error`,
            trigger: `.o_searchview_facet:contains("${name}")`,
        },
    ];
}

registry.category("web_tour.tours").add("helpdesk_property_info_ticket_filters", {
    steps: () => [
        { content: "The ticket list is open", trigger: ".o_list_view" },
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        ...toggleFilter("Due Today"),
        ...toggleFilter("Overdue"),
        ...toggleFilter("Awaiting Leader's Opinion"),
        ...toggleFilter("Negative"),
        {
            content: "Group by problem level",
            trigger: `.o_group_by_menu .o_menu_item:contains("Problem Level")`,
            run: "click",
        },
        { content: "Grouped without error", trigger: ".o_group_has_content, .o_view_nocontent, .o_list_table" },
    ],
});

registry.category("web_tour.tours").add("helpdesk_property_info_record_reply", {
    steps: () => [
        {
            content: "Open the reply dialog",
            trigger: "button:contains('Replied by Phone / in Person')",
            run: "click",
        },
        {
            content: "Describe the call",
            trigger: ".modal textarea",
            run: "edit Called back: repair booked for Wednesday.",
        },
        { content: "Record it", trigger: ".modal button:contains('Record')", run: "click" },
        {
            content: "The reply is recorded on time",
            trigger: ".o_field_widget[name=reply_state] :contains('Replied on Time')",
        },
    ],
});
