"""Pure working-time arithmetic: calendars, holidays, office hours, deadlines. No Django, no clock."""
