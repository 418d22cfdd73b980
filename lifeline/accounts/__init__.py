"""Users, roles, and representatives' consent to act for a client."""
