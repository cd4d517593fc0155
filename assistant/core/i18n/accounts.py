"""Staff accounts (``assistant/staff/accounts.py``, ``/staff/accounts``, ``/staff/account``,
``python -m assistant staff``): error codes, the admin pages, the audit, one's own password and
the invitation page."""

from __future__ import annotations

from assistant.core.i18n.languages import Table

STRINGS: Table = {
    # error codes (assistant.web.errors maps them to HTTP statuses)
    "account_not_found": {"fr": "Ce compte n'existe pas.", "en": "This account does not exist."},
    "last_active_admin": {
        "fr": "Refusé : c'est le dernier administrateur actif. Nommez-en un autre d'abord.",
        "en": "Refused: this is the last active administrator. Appoint another one first.",
    },
    "account_invalid": {"fr": "Compte refusé.", "en": "Account refused."},
    "password_refused": {"fr": "Mot de passe refusé.", "en": "Password refused."},
    "wrong_current_password": {
        "fr": "Le mot de passe actuel est incorrect.",
        "en": "The current password is wrong.",
    },
    "invitation_invalid": {
        "fr": "Ce lien n'est plus valable (déjà utilisé, expiré ou remplacé). Demandez-en un "
        "nouveau à un administrateur.",
        "en": "This link is no longer valid (already used, expired or replaced). Ask an "
        "administrator for a new one.",
    },
    "accounts.role_invalid": {"fr": "Rôle inconnu.", "en": "Unknown role."},
    # navigation
    "accounts.nav": {"fr": "Comptes", "en": "Accounts"},
    "accounts.my_account": {"fr": "Mon compte", "en": "My account"},
    # the admin's list
    "accounts.title": {"fr": "Comptes du personnel", "en": "Staff accounts"},
    "accounts.intro": {
        "fr": "Chaque nouveau compte reçoit par courriel un lien à usage unique pour choisir "
        "son mot de passe. Désactiver un compte ou réinitialiser son mot de passe ferme toutes "
        "ses sessions.",
        "en": "Each new account gets an email with a single-use link to choose its password. "
        "Disabling an account or resetting its password ends all of its sessions.",
    },
    "accounts.col.name": {"fr": "Nom", "en": "Name"},
    "accounts.col.email": {"fr": "Courriel", "en": "Email"},
    "accounts.col.role": {"fr": "Rôle", "en": "Role"},
    "accounts.col.status": {"fr": "Statut", "en": "Status"},
    "accounts.col.actions": {"fr": "Actions", "en": "Actions"},
    "accounts.role.agent": {"fr": "Agent (file d'attente)", "en": "Agent (queue)"},
    "accounts.role.editor": {
        "fr": "Rédaction (file et base de connaissances)",
        "en": "Editor (queue and knowledge base)",
    },
    "accounts.role.admin": {"fr": "Administration (tout)", "en": "Admin (everything)"},
    "accounts.status.active": {"fr": "Actif", "en": "Active"},
    "accounts.status.invited": {
        "fr": "Invité (mot de passe à choisir)",
        "en": "Invited (password not chosen yet)",
    },
    "accounts.status.disabled": {"fr": "Désactivé", "en": "Disabled"},
    "accounts.you": {"fr": "(vous)", "en": "(you)"},
    "accounts.disable": {"fr": "Désactiver", "en": "Disable"},
    "accounts.enable": {"fr": "Réactiver", "en": "Enable"},
    "accounts.reset": {
        "fr": "Réinitialiser le mot de passe",
        "en": "Reset the password",
    },
    "accounts.sign_out": {"fr": "Déconnecter partout", "en": "Sign out everywhere"},
    "accounts.change_role": {"fr": "Changer le rôle", "en": "Change the role"},
    "accounts.role_of": {"fr": "Rôle de {name}", "en": "Role of {name}"},
    "accounts.create_title": {"fr": "Inviter une personne", "en": "Invite someone"},
    "accounts.name": {"fr": "Nom", "en": "Name"},
    "accounts.email": {"fr": "Courriel", "en": "Email"},
    "accounts.role": {"fr": "Rôle", "en": "Role"},
    "accounts.invite": {
        "fr": "Créer et envoyer l'invitation",
        "en": "Create and send the invitation",
    },
    "accounts.audit_link": {"fr": "Journal des modifications", "en": "Change log"},
    "accounts.notice.invited": {
        "fr": "Compte créé : l'invitation part par courriel.",
        "en": "Account created: the invitation is on its way by email.",
    },
    "accounts.notice.disabled": {
        "fr": "Compte désactivé ; ses sessions sont fermées.",
        "en": "Account disabled; its sessions are ended.",
    },
    "accounts.notice.enabled": {"fr": "Compte réactivé.", "en": "Account enabled."},
    "accounts.notice.reset": {
        "fr": "Mot de passe réinitialisé : l'ancien ne fonctionne plus, un nouveau lien part "
        "par courriel.",
        "en": "Password reset: the old one no longer works, a new link is on its way by email.",
    },
    "accounts.notice.signed_out": {
        "fr": "Toutes les sessions de ce compte sont fermées.",
        "en": "Every session of this account is ended.",
    },
    "accounts.notice.role_changed": {"fr": "Rôle modifié.", "en": "Role changed."},
    # the audit
    "accounts.audit_title": {
        "fr": "Journal des modifications de comptes",
        "en": "Account change log",
    },
    "accounts.audit_intro": {
        "fr": "Les 200 dernières modifications, les plus récentes d'abord.",
        "en": "The latest 200 changes, newest first.",
    },
    "accounts.audit_empty": {"fr": "Aucune modification.", "en": "No changes."},
    "accounts.col.when": {"fr": "Quand", "en": "When"},
    "accounts.col.who": {"fr": "Qui", "en": "Who"},
    "accounts.col.account": {"fr": "Compte", "en": "Account"},
    "accounts.col.what": {"fr": "Modification", "en": "Change"},
    "accounts.command_line": {"fr": "Ligne de commande", "en": "Command line"},
    "accounts.action.created": {"fr": "Compte créé ({detail})", "en": "Account created ({detail})"},
    "accounts.action.disabled": {"fr": "Désactivé", "en": "Disabled"},
    "accounts.action.enabled": {"fr": "Réactivé", "en": "Enabled"},
    "accounts.action.role_changed": {
        "fr": "Rôle changé : {detail}",
        "en": "Role changed: {detail}",
    },
    "accounts.action.password_reset": {
        "fr": "Mot de passe réinitialisé (nouvelle invitation)",
        "en": "Password reset (new invitation)",
    },
    "accounts.action.signed_out_everywhere": {
        "fr": "Déconnecté partout ({detail} sessions)",
        "en": "Signed out everywhere ({detail} sessions)",
    },
    "accounts.action.password_changed": {
        "fr": "Mot de passe changé",
        "en": "Password changed",
    },
    "accounts.action.invitation_accepted": {
        "fr": "Mot de passe choisi (invitation)",
        "en": "Password chosen (invitation)",
    },
    # one's own account
    "accounts.own_title": {"fr": "Mon compte", "en": "My account"},
    "accounts.change_password": {"fr": "Changer mon mot de passe", "en": "Change my password"},
    "accounts.change_password_intro": {
        "fr": "Au moins 12 caractères. Vos autres sessions (autres navigateurs) seront fermées.",
        "en": "At least 12 characters. Your other sessions (other browsers) will be ended.",
    },
    "accounts.current_password": {"fr": "Mot de passe actuel", "en": "Current password"},
    "accounts.new_password": {"fr": "Nouveau mot de passe", "en": "New password"},
    "accounts.confirm_password": {
        "fr": "Confirmez le nouveau mot de passe",
        "en": "Confirm the new password",
    },
    "accounts.save_password": {"fr": "Changer le mot de passe", "en": "Change the password"},
    "accounts.notice.password_changed": {
        "fr": "Mot de passe changé ; vos autres sessions sont fermées.",
        "en": "Password changed; your other sessions are ended.",
    },
    # the invitation link
    "accounts.invitation_title": {"fr": "Choisir mon mot de passe", "en": "Choose my password"},
    "accounts.invitation_intro": {
        "fr": "Compte {email}. Au moins 12 caractères ; ce lien ne sert qu'une fois.",
        "en": "Account {email}. At least 12 characters; this link works once.",
    },
    "accounts.set_password": {"fr": "Enregistrer le mot de passe", "en": "Save the password"},
    "accounts.notice.password_set": {
        "fr": "Mot de passe enregistré : connectez-vous.",
        "en": "Password saved: sign in.",
    },
}
