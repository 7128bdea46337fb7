"""What a saved page states about itself, read signal by signal: titles, dates, outlets,
addresses, its bytes' encoding, and the agreement rule that turns them into facts.
Imports `generator.content` only."""
