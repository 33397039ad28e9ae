"""What a borrower carries out of dunguard: the case report (HTML + PDF) and the letters
(DOCX, PDF, plain text), filled from the case. Templates are in ``templates/``."""
