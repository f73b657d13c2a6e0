def test_ping_answers_without_login(client):
    response = client.get("/ping/")
    assert response.status_code == 200
    assert response.content == b"ok"
