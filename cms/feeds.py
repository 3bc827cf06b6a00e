"""RSS 2.0 and Atom 1.0 feeds of a news index, built on django.contrib.syndication."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_ITEMS = 30


class NewsRssFeed(Feed):
    """The newest published news items of one news index."""

    feed_type = Rss201rev2Feed
    language = "nl"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.get_url(self.request) or "/"

    def description(self, obj):
        return obj.intro or _("Nieuws over inburgering en integratie.")

    subtitle = description

    def items(self, obj):
        return obj.news_items().only(
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "date",
            "intro",
            "first_published_at",
            "last_published_at",
        )[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
