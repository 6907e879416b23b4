from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from outcomes import subscription_views
from outcomes import views as outcome_views
from targets import views as target_views
from tracker import api, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/original/", views.document_original, name="document-original"),
    path("documents/<int:pk>/text/", views.document_text, name="document-text"),
    path("documents/same/<str:token>/", views.document_same, name="document-same"),
    path("issuers/<int:issuer_id>/<int:year>/", outcome_views.scorecard_view, name="scorecard"),
    path("issuers/<int:issuer_id>/trend/", outcome_views.trend_view, name="trend"),
    path("league/<int:year>/", outcome_views.league_view, name="league"),
    path("queue/", outcome_views.queue_view, name="queue"),
    path("indicators/", outcome_views.indicator_view, name="indicator"),
    path("commitments/<int:pk>/", target_views.commitment_view, name="commitment"),
    path("api/issuers/", api.issuers, name="api-issuers"),
    path("api/documents/", api.documents, name="api-documents"),
    path("api/commitments/", api.commitments, name="api-commitments"),
    path("api/assessments/", api.assessments, name="api-assessments"),
    path("subscriptions/", subscription_views.subscriptions, name="subscriptions"),
    path("subscriptions/<int:pk>/", subscription_views.subscriptions, name="subscription"),
    path("unsubscribe/<str:token>/", subscription_views.unsubscribe, name="unsubscribe"),
    path("admin/", admin.site.urls),
]
