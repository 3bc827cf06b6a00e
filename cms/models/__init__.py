"""Page types, snippets and media models of the editorial site (one module per concern)."""

from .articles import BlogPage, BlogPageTag, Interviewee, InterviewPage, InterviewPageTag
from .committee import CommitteeMember, CommitteePage
from .home import HomePage
from .media import CustomDocument, CustomImage, CustomRendition
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .package import InformationPackagePage, PackageItem
from .section import AttentionPointPage, SectionPage
from .site_settings import OrganisationSettings
from .snippets import ContactPerson

__all__ = [
    "AttentionPointPage",
    "BlogPage",
    "BlogPageTag",
    "CommitteeMember",
    "CommitteePage",
    "ContactPerson",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "InformationPackagePage",
    "Interviewee",
    "InterviewPage",
    "InterviewPageTag",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OrganisationSettings",
    "PackageItem",
    "SectionPage",
]
