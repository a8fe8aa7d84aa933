from . import helpdesk_info_publication
from . import leader_contact
from . import incident
from . import posting
