"""Notifications: email, SMS and in-portal messages, delivered once each, with no domain imports."""
