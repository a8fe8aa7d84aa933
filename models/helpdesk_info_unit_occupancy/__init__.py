from . import helpdesk_info_unit_occupancy
from . import personal_data
from . import visit
