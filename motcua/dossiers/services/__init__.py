"""Every write to a dossier: creation, one function per transition, documents, deadlines."""
