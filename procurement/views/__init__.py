"""Purchase-of-service screens under /procurement/."""
