"""Pure writers: a frozen dataclass in, a Word or Excel file out; no database, no Qt, no app."""
