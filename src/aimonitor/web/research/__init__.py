"""The research team's portal: waves, contacts, invitations, reminders and the fieldwork
cockpit, behind a login with a second factor (decision 0014)."""
