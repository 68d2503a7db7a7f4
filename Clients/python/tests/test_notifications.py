"""Against a real exchange (the `sandbox` fixture): notification targets (PROTOCOL.md §15.10),
registered, listed and removed by Switzerland's country admin (ch-admin, CNA CH-SWISSMEDIC), whose
inbox no other test reads, and by the Board's admin.

The webhooks point at 127.0.0.1:1, where nothing listens: the exchange's deliveries fail at once
and are retried with backoff, which these tests do not wait for.
"""

from __future__ import annotations

import pytest

from licit import RejectedError, StatusCode, new_request_id

HOOK = "https://127.0.0.1:1/licit"
SECRET = "s3cret-for-the-python-tests"


def targets_of(client) -> dict:
    return {target.id: target for target in client.list_notification_targets()}


def test_targets_are_registered_listed_and_removed(sandbox) -> None:
    with sandbox.client("ch-admin") as switzerland, sandbox.client("ch-viewer") as viewer:
        before = targets_of(switzerland)
        hook = switzerland.register_webhook(HOOK, SECRET, ["ia_received", "estimate_confirmed"])
        assert hook.id.startswith("CH-SWISSMEDIC-")
        assert (hook.channel, hook.address, list(hook.kinds)) == ("webhook", HOOK, ["ia_received", "estimate_confirmed"])
        assert (hook.registered_by, hook.removed_at_ms) == ("ch-admin", 0)
        assert hook.registered_at_ms > 0
        assert not hasattr(hook, "secret"), "the secret is never returned"

        mail = switzerland.register_email("licit@swissmedic.example.org")
        assert (mail.channel, mail.address, list(mail.kinds)) == ("email", "licit@swissmedic.example.org", [])
        assert mail.id != hook.id

        listed = targets_of(switzerland)
        assert set(listed) == set(before) | {hook.id, mail.id}
        assert listed[hook.id].address == HOOK and list(listed[hook.id].kinds) == ["ia_received", "estimate_confirmed"]

        # Each registration is the target's first event, in the CNA's inbox (which admins do not read).
        events = viewer.list_events(limit=1000).events
        subjects = {event.subject for event in events if event.kind == "notification_registered"}
        assert {f"notification/{hook.id}", f"notification/{mail.id}"} <= subjects

        removed = switzerland.remove_notification_target(hook.id)
        assert removed.id == hook.id and removed.removed_at_ms > 0
        assert set(targets_of(switzerland)) == set(before) | {mail.id}
        events = viewer.list_events(limit=1000).events
        assert f"notification/{hook.id}" in {event.subject for event in events if event.kind == "notification_removed"}

        with pytest.raises(RejectedError) as again:
            switzerland.remove_notification_target(hook.id)
        assert (again.value.code, again.value.reason) == (StatusCode.NOT_FOUND, "not_found")
        switzerland.remove_notification_target(mail.id)
        assert set(targets_of(switzerland)) == set(before)


def test_a_replayed_registration_returns_the_original(sandbox) -> None:
    with sandbox.client("ch-admin") as switzerland:
        request_id = new_request_id()
        first = switzerland.register_webhook(HOOK, SECRET, request_id=request_id)
        second = switzerland.register_webhook(HOOK, SECRET, request_id=request_id)
        assert second == first
        assert [target.id for target in switzerland.list_notification_targets()].count(first.id) == 1
        switzerland.remove_notification_target(first.id)


@pytest.mark.parametrize(
    "url, secret",
    [
        ("http://receiver.example.org/licit", SECRET),  # not https
        ("https://user:password@receiver.example.org/licit", SECRET),  # credentials
        ("https://receiver.example.org/licit#events", SECRET),  # a fragment
        ("receiver.example.org/licit", SECRET),
        ("https://receiver.example.org/" + "a" * 2048, SECRET),  # over 2048 bytes
        (HOOK, "too-short"),  # a secret under 16 characters
        (HOOK, ""),
    ],
)
def test_a_bad_webhook_is_refused(sandbox, url, secret) -> None:
    with sandbox.client("ch-admin") as switzerland:
        before = targets_of(switzerland)
        with pytest.raises(RejectedError) as refused:
            switzerland.register_webhook(url, secret)
        assert (refused.value.code, refused.value.reason) == (StatusCode.INVALID_ARGUMENT, "invalid_notification_target")
        assert targets_of(switzerland) == before


def test_a_bad_email_or_kind_is_refused(sandbox) -> None:
    with sandbox.client("ch-admin") as switzerland:
        with pytest.raises(RejectedError) as address:
            switzerland.register_email("not-an-address")
        assert (address.value.code, address.value.reason) == (StatusCode.INVALID_ARGUMENT, "invalid_notification_target")
        with pytest.raises(RejectedError) as kind:
            switzerland.register_webhook(HOOK, SECRET, ["ia_received", "tea_time"])
        assert (kind.value.code, kind.value.reason) == (StatusCode.INVALID_ARGUMENT, "unknown_event_kind")
        with pytest.raises(TypeError):
            switzerland.register_webhook(HOOK, SECRET, "ia_received")  # one string, not a sequence of kinds


def test_only_admins_manage_targets(sandbox) -> None:
    with sandbox.client("ch-signer") as signer:
        with pytest.raises(RejectedError) as denied:
            signer.list_notification_targets()
        assert (denied.value.code, denied.value.reason) == (StatusCode.PERMISSION_DENIED, "role_not_permitted")
        with pytest.raises(RejectedError) as denied:
            signer.register_webhook(HOOK, SECRET)
        assert denied.value.reason == "role_not_permitted"


def test_the_board_admin_manages_the_boards_inbox(sandbox) -> None:
    with sandbox.client("board-admin") as board, sandbox.client("ch-admin") as switzerland:
        target = board.register_webhook(HOOK, SECRET, ["endorsement_overdue"])
        assert target.id.startswith("BOARD-") and target.registered_by == "board-admin"
        assert target.id in targets_of(board)
        assert target.id not in targets_of(switzerland)
        with pytest.raises(RejectedError) as other_inbox:
            switzerland.remove_notification_target(target.id)
        assert (other_inbox.value.code, other_inbox.value.reason) == (StatusCode.NOT_FOUND, "not_found")
        board.remove_notification_target(target.id)
        assert target.id not in targets_of(board)
