"""Background tasks: thin wrappers around plain service functions, so the queue stays a detail."""

from celery import shared_task

from observaties.documents import archive
from observaties.services import case_system


@shared_task(name="observaties.tasks.deliver")
def deliver(delivery_pk: int) -> None:
    """Register one approved document in the case system (when it commits, after an approval)."""
    case_system.delivery_run(delivery_pk)


@shared_task(name="observaties.tasks.deliver_due")
def deliver_due() -> int:
    """The periodic pickup (beat): deliveries whose next try has come."""
    return case_system.deliver_due()


@shared_task(name="observaties.tasks.archive_addenda")
def archive_addenda(version_pk: int) -> int:
    """The addenda of a withdrawn checklist version's approved observations, each registered in
    the case system as its report was."""
    return archive.archive_addenda(version_pk, register=case_system.deliveries_for_approval)
