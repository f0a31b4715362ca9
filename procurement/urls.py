from django.urls import path

from procurement.views import budgets, contracts, ledger

app_name = "procurement"

urlpatterns = [
    path("", budgets.budget_list, name="budget_list"),
    path("standards/", budgets.standard_list, name="standard_list"),
    path("budgets/<id:pk>/<year:year>/", budgets.budget_detail, name="budget_detail"),
    path("budgets/<id:pk>/<year:year>/set/", budgets.budget_set_view, name="budget_set"),
    path("contracts/", contracts.contract_list, name="contract_list"),
    path("contracts/new/", contracts.contract_create_view, name="contract_create"),
    path("contracts/<id:pk>/", contracts.contract_detail, name="contract_detail"),
    path("contracts/<id:pk>/edit/", contracts.contract_edit, name="contract_edit"),
    path("contracts/<id:pk>/print/", contracts.contract_print, name="contract_print"),
    path(
        "contracts/<id:pk>/evaluation/",
        contracts.contract_evaluation_view,
        name="contract_evaluation",
    ),
    path(
        "contracts/<id:pk>/evaluation/rate/<id:referral_pk>/",
        contracts.referral_rate_view,
        name="referral_rate",
    ),
    path("contracts/<id:pk>/lines/new/", contracts.line_create, name="line_create"),
    path("contracts/<id:pk>/lines/<id:line_pk>/remove/", contracts.line_remove, name="line_remove"),
    path("contracts/<id:pk>/attach/", contracts.contract_attach_view, name="contract_attach"),
    path(
        "contracts/<id:pk>/attachment/", contracts.contract_attachment, name="contract_attachment"
    ),
    path("contracts/<id:pk>/amend/", contracts.contract_amend_view, name="contract_amend"),
    path("contracts/<id:pk>/step/<slug:name>/", contracts.contract_step, name="contract_step"),
    path("contracts/<id:pk>/deliveries/new/", ledger.delivery_create, name="delivery_create"),
    path(
        "contracts/<id:pk>/invoices/generate/",
        ledger.invoice_generate_view,
        name="invoice_generate",
    ),
    path("deliveries/", ledger.delivery_list, name="delivery_list"),
    path("deliveries/<id:pk>/", ledger.delivery_detail, name="delivery_detail"),
    path("deliveries/<id:pk>/edit/", ledger.delivery_edit, name="delivery_edit"),
    path("deliveries/<id:pk>/confirm/", ledger.delivery_confirm, name="delivery_confirm"),
    path("deliveries/<id:pk>/dispute/", ledger.delivery_dispute, name="delivery_dispute"),
    path("deliveries/<id:pk>/withdraw/", ledger.delivery_withdraw_view, name="delivery_withdraw"),
    path("deliveries/<id:pk>/evidence/", ledger.delivery_evidence, name="delivery_evidence"),
    path("invoices/", ledger.invoice_list, name="invoice_list"),
    path("invoices/<id:pk>/", ledger.invoice_detail, name="invoice_detail"),
    path("invoices/<id:pk>/print/", ledger.invoice_print, name="invoice_print"),
    path("invoices/<id:pk>/submit/", ledger.invoice_submit_view, name="invoice_submit"),
    path("invoices/<id:pk>/review/", ledger.invoice_review_view, name="invoice_review"),
    path("invoices/<id:pk>/pay/", ledger.invoice_pay_view, name="invoice_pay"),
]
