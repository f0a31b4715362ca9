"""Writes of contracts: drafting, lines, the one transition function, amendments; all audited."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import Category
from portal.audit.services import audit_record
from portal.files import validate_document
from portal.organizations.models import CorrectionsAgency, Organization, VerificationStatus
from procurement.funding import funding_sync
from procurement.models import (
    CONTRACT_TRANSITIONS,
    Contract,
    ContractAmendment,
    ContractEvent,
    ContractLine,
)
from procurement.permissions import manages_agency, require

CONTRACT_FIELDS = (
    "number",
    "title",
    "budget_year",
    "funding_source",
    "ceiling",
    "start_date",
    "end_date",
)


def _audit(actor: Any, action: str, obj: Any, request: HttpRequest | None, **detail: Any) -> None:
    audit_record(
        actor=actor, action=f"procurement.{action}", obj=obj, request=request, detail=detail
    )


def contract_create(
    *,
    actor: Any,
    agency: CorrectionsAgency,
    organization: Organization,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Contract:
    """Draft a contract between an agency and a verified provider organization."""
    require(manages_agency(actor, agency.pk))
    if organization.status != VerificationStatus.VERIFIED:
        raise ValidationError(
            {"organization": _("Contracts are made with verified organizations only.")}
        )
    contract = Contract(agency=agency, organization=organization, created_by=actor)
    for name in CONTRACT_FIELDS:
        setattr(contract, name, fields[name])
    with transaction.atomic():
        contract.full_clean()
        contract.save()
        _audit(actor, "contract_create", contract, request, ceiling=str(contract.ceiling))
    return contract


def contract_update(
    *, actor: Any, contract: Contract, request: HttpRequest | None = None, **fields: Any
) -> Contract:
    """Change a draft contract; once signed it changes only by amendment."""
    require(manages_agency(actor, contract.agency_id))
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        _require_draft(contract)
        for name in CONTRACT_FIELDS:
            if name in fields:
                setattr(contract, name, fields[name])
        contract.full_clean()
        contract.save()
        _audit(actor, "contract_update", contract, request, fields=sorted(fields))
    return contract


def _require_draft(contract: Contract) -> None:
    if not contract.is_editable:
        raise ValidationError(_("A signed contract changes only by a recorded amendment."))


def contract_line_add(
    *,
    actor: Any,
    contract: Contract,
    description: str,
    unit: str,
    unit_price: Decimal,
    max_quantity: Decimal,
    offer_key: str = "",
    offer_title: str = "",
    category: Category | None = None,
    request: HttpRequest | None = None,
) -> ContractLine:
    """Add a service item (one offer or one category of the provider's offers) to a draft."""
    require(manages_agency(actor, contract.agency_id))
    line = ContractLine(
        contract=contract,
        description=description,
        unit=unit,
        unit_price=unit_price,
        max_quantity=max_quantity,
        offer_key=offer_key,
        offer_title=offer_title,
        category=category,
    )
    with transaction.atomic():
        _require_draft(Contract.objects.select_for_update().get(pk=contract.pk))
        line.full_clean(validate_constraints=False)  # the constraints repeat clean()'s rules
        line.save()
        _audit(actor, "contract_line_add", contract, request, line=line.pk, covers=line.covers)
    return line


def contract_line_remove(
    *, actor: Any, line: ContractLine, request: HttpRequest | None = None
) -> None:
    """Remove a service item from a draft contract."""
    contract = line.contract
    require(manages_agency(actor, contract.agency_id))
    with transaction.atomic():
        _require_draft(Contract.objects.select_for_update().get(pk=contract.pk))
        _audit(actor, "contract_line_remove", contract, request, line=line.pk, covers=line.covers)
        line.delete()


def contract_transition(
    *, actor: Any, contract: Contract, name: str, request: HttpRequest | None = None
) -> Contract:
    """Apply one step of the contract transition table, record it and audit it."""
    require(manages_agency(actor, contract.agency_id))
    transition = CONTRACT_TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("This step does not exist."))
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if contract.state not in transition.sources:
            raise ValidationError(_("This step is not possible in the contract's present state."))
        _check_step(contract, name)
        before = contract.state
        contract.state = transition.target
        if name == "sign":
            contract.signed_on = timezone.localdate()
        contract.save(update_fields=["state", "signed_on", "updated_at"])
        ContractEvent.objects.create(
            contract=contract, name=name, from_state=before, to_state=contract.state, actor=actor
        )
        _audit(actor, f"contract_{name}", contract, request, before=before, after=contract.state)
        funding_sync(contract=contract)
    return contract


def _check_step(contract: Contract, name: str) -> None:
    if name != "sign":
        return
    if not contract.lines.exists():
        raise ValidationError(_("Add at least one service item before signing."))
    if not contract.attachment:
        raise ValidationError(_("Attach the signed contract before recording the signature."))


def contract_amend(
    *,
    actor: Any,
    contract: Contract,
    reason: str,
    effective_date: date,
    ceiling: Decimal | None = None,
    end_date: date | None = None,
    line: ContractLine | None = None,
    unit_price: Decimal | None = None,
    max_quantity: Decimal | None = None,
    new_line: ContractLine | None = None,
    request: HttpRequest | None = None,
) -> ContractAmendment:
    """Change a signed or active contract by a recorded amendment with reason and date: its
    ceiling or end, an item's price or maximum, and/or a new service item."""
    require(manages_agency(actor, contract.agency_id))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contract is amended.")})
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if not contract.is_amendable:
            raise ValidationError(_("Only a signed or active contract is amended."))
        changes = _apply_contract_changes(contract, ceiling=ceiling, end_date=end_date)
        _check_effective_date(contract, effective_date)
        if line is not None:
            changes.update(_apply_line_changes(contract, line, unit_price, max_quantity))
        if new_line is not None:
            changes.update(_add_line(contract, new_line, effective_date))
        amendment = _record_amendment(contract, actor, reason, effective_date, changes)
        _audit(actor, "contract_amend", contract, request, changes=changes, reason=amendment.reason)
        if new_line is not None:
            funding_sync(contract=contract)
    return amendment


def _record_amendment(
    contract: Contract, actor: Any, reason: str, effective_date: date, changes: dict
) -> ContractAmendment:
    if not changes:
        raise ValidationError(_("The amendment changes nothing."))
    amendment = ContractAmendment(
        contract=contract,
        reason=reason.strip(),
        effective_date=effective_date,
        changes=changes,
        recorded_by=actor,
    )
    amendment.full_clean()
    amendment.save()
    return amendment


def _check_effective_date(contract: Contract, effective_date: date) -> None:
    if not contract.start_date <= effective_date <= contract.end_date:
        raise ValidationError(
            {
                "effective_date": _(
                    "The effective date lies outside the contract period (%(start)s to %(end)s)."
                )
                % {"start": contract.start_date, "end": contract.end_date}
            }
        )


def _add_line(contract: Contract, line: ContractLine, effective_date: date) -> dict[str, list[str]]:
    """A new service item of a signed contract, in force from the amendment's effective date;
    billed under the same ceiling as the others."""
    line.pk, line.contract, line.effective_from = None, contract, effective_date
    line.full_clean(validate_constraints=False)  # the constraints repeat clean()'s rules
    line.save()
    terms = f"{line.covers} · {line.description}: {line.unit_price} × {line.max_quantity}"
    return {f"line {line.pk} added": ["", terms]}


def _apply_contract_changes(contract: Contract, *, ceiling, end_date) -> dict[str, list[str]]:
    changes: dict[str, list[str]] = {}
    for name, value in (("ceiling", ceiling), ("end_date", end_date)):
        if value is not None and value != getattr(contract, name):
            changes[name] = [str(getattr(contract, name)), str(value)]
            setattr(contract, name, value)
    if changes:
        contract.full_clean()
        contract.save()
    return changes


def _apply_line_changes(contract: Contract, line: ContractLine, unit_price, max_quantity) -> dict:
    line = ContractLine.objects.select_for_update().get(pk=line.pk, contract=contract)
    changes: dict[str, list[str]] = {}
    for name, value in (("unit_price", unit_price), ("max_quantity", max_quantity)):
        if value is not None and value != getattr(line, name):
            changes[f"line {line.pk} {name}"] = [str(getattr(line, name)), str(value)]
            setattr(line, name, value)
    if changes:
        line.full_clean()
        line.save()
    return changes


def contract_attach(
    *, actor: Any, contract: Contract, upload: UploadedFile, request: HttpRequest | None = None
) -> Contract:
    """Keep the signed contract (PDF or image) in private storage, before or after signing."""
    require(manages_agency(actor, contract.agency_id))
    content_type = validate_document(upload)
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if contract.is_closed:
            raise ValidationError(_("A closed contract is not changed."))
        contract.attachment.save(upload.name or "contract.pdf", upload, save=False)
        contract.attachment_name = (upload.name or "")[:255]
        contract.attachment_type = content_type
        contract.save(
            update_fields=["attachment", "attachment_name", "attachment_type", "updated_at"]
        )
        _audit(actor, "contract_attach", contract, request, name=contract.attachment_name)
    return contract
