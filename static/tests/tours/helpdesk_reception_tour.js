import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_reception_record_expense", {
    steps: () => [
        {
            content: "Choose the policy",
            trigger: ".o_field_widget[name=policy_id] input",
            run: "edit Daily Reception",
        },
        {
            content: "Cigarettes and tea",
            trigger: ".o-autocomplete--dropdown-item:contains('Cigarettes and Tea')",
            run: "click",
        },
        { content: "What it cost", trigger: ".o_field_widget[name=amount] input", run: "edit 35" },
        {
            content: "What for",
            trigger: ".o_field_widget[name=purpose] textarea",
            run: "edit Tea for the reception room",
        },
        { content: "Confirm it", trigger: "button[name=action_confirm]", run: "click" },
        {
            content: "Within the limit and needing no approval, it is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_reception_usage", {
    steps: () => [
        { content: "The usage opens as a pivot table", trigger: ".o_pivot table" },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        { content: "The graph is drawn", trigger: ".o_graph_renderer canvas" },
    ],
});

registry.category("web_tour.tours").add("helpdesk_reception_export_bills", {
    steps: () => [
        { content: "The approved expenses wait to be exported", trigger: ".o_list_view .o_data_row" },
        {
            content: "Export them without selecting any: the company's period",
            trigger: "button:contains('Export to Accounting')",
            run: "click",
        },
        {
            content: "Create the vendor bills",
            trigger: ".modal button[name=action_create_moves]",
            run: "click",
        },
        { content: "The vendor bills are listed", trigger: ".o_breadcrumb:contains('Bills')" },
        { content: "One per expense", trigger: ".o_list_view .o_data_row" },
    ],
});
