from . import unit
from . import personal_data
from . import visit
