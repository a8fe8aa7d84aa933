from . import helpdesk_ticket_record_wizard
