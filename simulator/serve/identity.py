"""How the classroom server tells an app process who it runs for (no imports: the app
reads these names on its start path, the server writes them)."""

ROLE_VAR = "PEERSIM_SERVED_ROLE"  # trainee or trainer
PERSON_VAR = "PEERSIM_SERVED_PERSON"  # the trainee id, or the trainer's label
COHORT_VAR = "PEERSIM_SERVED_COHORT"
