from . import helpdesk_ticket_team
from . import repair
from . import complaint
from . import deadline
