"""Services of internal processes: definitions, a dossier's steps, consultations, late dossiers."""
