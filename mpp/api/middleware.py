from django.utils import translation


class ApiLanguageMiddleware:
    """API callers choose their language with Accept-Language (Indonesian by default).

    The pages take the language from the URL (``/en/...``); the API has no
    prefix, so without this every API message would be Indonesian.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
