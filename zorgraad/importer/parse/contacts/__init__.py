"""Contact lines and contact tables: 'Naam - Functie - Organisatie - e-mail' in its variants.

General rules, no rules for one document:
- a record ends at its e-mail address; everything between two addresses belongs to the next one;
- parts are split on en/em dashes, spaced hyphens (a space on either side), bars, tabs and semicolons;
- when that gives too few parts, unspaced hyphens split too (marked: the split may be wrong);
- an e-mail address wrapped over two lines is joined again; an invalid one is kept, marked, never stored;
- a spreadsheet's columns are recognised by their Dutch (or English) header; unknown columns are listed;
- a bare 'Naam' beside a 'Voornaam' column is the surname, as lists in Flanders write it
  ('Naam;Voornaam'); a row's full name is then first name and surname;
- cells lose control characters and runs of white space; a value longer than the directory keeps
  is marked, never cut silently.
"""

# A package since the module outgrew one file: every name the old module defined is
# re-exported here, so `from zorgraad.importer.parse.contacts import …` keeps working.

from .lines import PHONE_RE as PHONE_RE
from .lines import _is_header_row as _is_header_row
from .lines import _known as _known
from .lines import join_wrapped as join_wrapped
from .lines import parse_contact_lines as parse_contact_lines
from .lines import parse_contact_record as parse_contact_record
from .lines import parse_contacts_text as parse_contacts_text
from .model import Contact as Contact
from .model import ContactsExtraction as ContactsExtraction
from .names import FUNCTION_WORDS as FUNCTION_WORDS
from .names import PARTICLES as PARTICLES
from .names import _name_ok as _name_ok
from .names import looks_like_function as looks_like_function
from .names import split_name as split_name
from .reader import extraction_json as extraction_json
from .reader import parse_contacts as parse_contacts
from .table import BARE_NAME_HEADERS as BARE_NAME_HEADERS
from .table import COLUMN_SYNONYMS as COLUMN_SYNONYMS
from .table import FIELDS as FIELDS
from .table import MAX_LENGTH as MAX_LENGTH
from .table import _cell as _cell
from .table import _field as _field
from .table import _without as _without
from .table import complete_name as complete_name
from .table import guess_columns as guess_columns
from .table import parse_contact_rows as parse_contact_rows
