"""Who gets in and what they may see: kiosk sign-in and PINs, display settings, staff accounts, roles and scope."""
