"""Background tasks: thin wrappers around plain service functions, so the queue stays a detail."""

from celery import shared_task

from observaties.services import case_system


@shared_task(name="observaties.tasks.deliver")
def deliver(delivery_pk: int) -> None:
    """Register one approved document in the case system (when it commits, after an approval)."""
    case_system.delivery_run(delivery_pk)


@shared_task(name="observaties.tasks.deliver_due")
def deliver_due() -> int:
    """The periodic pickup (beat): deliveries whose next try has come."""
    return case_system.deliver_due()
