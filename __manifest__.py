# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk Property Information",
    "summary": "Customer-information standard of property-management companies: "
    "intake record and classification of every ticket",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "helpdesk_property_info contributors",
    "depends": ["helpdesk_mgmt", "phone_validation"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/helpdesk_property_info_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_info_source_data.xml",
        "data/helpdesk_info_party_data.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/helpdesk_ticket_channel_data.xml",
        "data/helpdesk_ticket_team_data.xml",
        "views/helpdesk_info_source_views.xml",
        "views/helpdesk_info_party_views.xml",
        "views/helpdesk_ticket_channel_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_property_info_menu.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
    ],
    "installable": True,
}
