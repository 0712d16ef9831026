import pytest

from aimonitor.demo import DemoWave, generate_demo_waves
from aimonitor.frame import load_frame
from aimonitor.paths import data_dir
from aimonitor.questionnaire import Questionnaire, load_questionnaire


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")


@pytest.fixture(scope="session")
def demo_waves(questionnaire: Questionnaire) -> dict[int, DemoWave]:
    return {wave.year: wave for wave in generate_demo_waves(questionnaire, load_frame)}
