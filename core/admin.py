from django.contrib import admin


class BaseAdmin(admin.ModelAdmin):
    """What every editors' admin shares: save buttons at the top and pages of a readable size."""

    save_on_top = True
    list_per_page = 50
    show_full_result_count = False
