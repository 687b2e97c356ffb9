import pytest


@pytest.mark.django_db
def test_api_unknown_zone_answers_json_404(client, zones):
    response = client.get("/api/v1/zones/bestaat-niet/offers")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
