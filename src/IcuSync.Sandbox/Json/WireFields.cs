namespace IcuSync.Sandbox.Json;

/// <summary>
/// Wire field names of the Intervals.icu schemas the sandbox emits. The real API writes every field, with
/// <c>null</c> for unset ones, so responses are padded with these names (see intervals-api.md §1).
/// </summary>
internal static class WireFields
{
    public static readonly string[] Activity =
    [
        "id", "start_date_local", "type", "icu_ignore_time", "icu_pm_cp", "icu_pm_w_prime", "icu_pm_p_max",
        "icu_pm_ftp", "icu_pm_ftp_secs", "icu_pm_ftp_watts", "icu_ignore_power", "icu_rolling_cp",
        "icu_rolling_w_prime", "icu_rolling_p_max", "icu_rolling_ftp", "icu_rolling_ftp_delta", "icu_training_load",
        "icu_atl", "icu_ctl", "ss_p_max", "ss_w_prime", "ss_cp", "paired_event_id", "icu_ftp", "icu_joules",
        "icu_recording_time", "elapsed_time", "icu_weighted_avg_watts", "carbs_used", "name", "description",
        "start_date", "distance", "icu_distance", "moving_time", "coasting_time", "total_elevation_gain",
        "total_elevation_loss", "timezone", "trainer", "sub_type", "commute", "race", "max_speed", "average_speed",
        "device_watts", "has_heartrate", "max_heartrate", "average_heartrate", "average_cadence", "calories",
        "average_temp", "min_temp", "max_temp", "avg_lr_balance", "average_stance_time",
        "average_vertical_oscillation", "average_vertical_ratio", "average_step_length", "gap", "gap_model",
        "use_elevation_correction", "gear", "perceived_exertion", "device_name", "power_meter", "power_meter_serial",
        "power_meter_battery", "crank_length", "external_id", "file_sport_index", "file_type", "icu_athlete_id",
        "created", "icu_sync_date", "analyzed", "icu_w_prime", "p_max", "threshold_pace", "icu_hr_zones",
        "pace_zones", "lthr", "icu_resting_hr", "icu_weight", "icu_power_zones", "icu_sweet_spot_min",
        "icu_sweet_spot_max", "icu_power_spike_threshold", "trimp", "icu_warmup_time", "icu_cooldown_time",
        "icu_chat_id", "icu_ignore_hr", "ignore_velocity", "ignore_pace", "ignore_parts", "icu_training_load_data",
        "interval_summary", "skyline_chart_bytes", "stream_types", "has_weather", "has_segments", "power_field_names",
        "power_field", "icu_zone_times", "icu_hr_zone_times", "pace_zone_times", "gap_zone_times",
        "use_gap_zone_times", "custom_zones", "tiz_order", "polarization_index", "icu_achievements",
        "icu_intervals_edited", "lock_intervals", "icu_lap_count", "icu_joules_above_ftp", "icu_max_wbal_depletion",
        "icu_hrr", "icu_sync_error", "icu_color", "icu_power_hr_z2", "icu_power_hr_z2_mins", "icu_cadence_z2",
        "icu_rpe", "feel", "kg_lifted", "decoupling", "icu_median_time_delta", "p30s_exponent", "workout_shift_secs",
        "strava_id", "lengths", "pool_length", "compliance", "coach_tick", "source", "oauth_client_id",
        "oauth_client_name", "average_altitude", "min_altitude", "max_altitude", "power_load", "hr_load", "pace_load",
        "hr_load_type", "pace_load_type", "tags", "attachments", "recording_stops", "average_weather_temp",
        "min_weather_temp", "max_weather_temp", "average_feels_like", "min_feels_like", "max_feels_like",
        "average_wind_speed", "average_wind_gust", "prevailing_wind_deg", "headwind_percent", "tailwind_percent",
        "average_clouds", "max_rain", "max_snow", "carbs_ingested", "route_id", "analysis_issues", "pace",
        "athlete_max_hr", "group", "icu_intensity", "icu_efficiency_factor", "icu_power_hr", "session_rpe",
        "average_stride", "icu_average_watts", "icu_variability_index", "strain_score",
    ];

    public static readonly string[] Interval =
    [
        "start_index", "distance", "moving_time", "elapsed_time", "average_watts", "average_watts_alt",
        "average_watts_alt_acc", "min_watts", "max_watts", "average_watts_kg", "max_watts_kg", "intensity",
        "w5s_variability", "weighted_average_watts", "training_load", "joules", "joules_above_ftp", "decoupling",
        "avg_lr_balance", "average_dfa_a1", "average_epoc", "wbal_start", "wbal_end", "average_respiration",
        "average_tidal_volume", "average_tidal_volume_min", "zone", "zone_min_watts", "zone_max_watts",
        "average_speed", "min_speed", "max_speed", "gap", "average_heartrate", "min_heartrate", "max_heartrate",
        "average_cadence", "min_cadence", "max_cadence", "average_torque", "min_torque", "max_torque",
        "total_elevation_gain", "min_altitude", "max_altitude", "average_gradient", "average_smo2", "average_thb",
        "average_smo2_2", "average_thb_2", "average_lactate", "min_lactate", "max_lactate", "average_stance_time",
        "average_vertical_oscillation", "average_vertical_ratio", "average_step_length", "average_temp",
        "average_weather_temp", "average_feels_like", "average_wind_speed", "average_wind_gust",
        "prevailing_wind_deg", "average_yaw", "headwind_percent", "tailwind_percent", "strain_score", "ss_p_max",
        "ss_w_prime", "ss_cp", "id", "type", "end_index", "group_id", "segment_effort_ids", "start_time", "end_time",
        "label", "average_stride",
    ];

    public static readonly string[] IntervalGroup =
    [
        "start_index", "distance", "moving_time", "elapsed_time", "average_watts", "average_watts_alt",
        "average_watts_alt_acc", "min_watts", "max_watts", "average_watts_kg", "max_watts_kg", "intensity",
        "w5s_variability", "weighted_average_watts", "training_load", "joules", "joules_above_ftp", "decoupling",
        "avg_lr_balance", "average_dfa_a1", "average_epoc", "wbal_start", "wbal_end", "average_respiration",
        "average_tidal_volume", "average_tidal_volume_min", "zone", "zone_min_watts", "zone_max_watts",
        "average_speed", "min_speed", "max_speed", "gap", "average_heartrate", "min_heartrate", "max_heartrate",
        "average_cadence", "min_cadence", "max_cadence", "average_torque", "min_torque", "max_torque",
        "total_elevation_gain", "min_altitude", "max_altitude", "average_gradient", "average_smo2", "average_thb",
        "average_smo2_2", "average_thb_2", "average_lactate", "min_lactate", "max_lactate", "average_stance_time",
        "average_vertical_oscillation", "average_vertical_ratio", "average_step_length", "average_temp",
        "average_weather_temp", "average_feels_like", "average_wind_speed", "average_wind_gust",
        "prevailing_wind_deg", "average_yaw", "headwind_percent", "tailwind_percent", "strain_score", "ss_p_max",
        "ss_w_prime", "ss_cp", "id", "count", "average_stride",
    ];

    public static readonly string[] Wellness =
    [
        "id", "ctl", "atl", "rampRate", "ctlLoad", "atlLoad", "sportInfo", "updated", "weight", "restingHR", "hrv",
        "hrvSDNN", "menstrualPhase", "menstrualPhasePredicted", "kcalConsumed", "sleepSecs", "sleepScore",
        "sleepQuality", "avgSleepingHR", "soreness", "fatigue", "stress", "mood", "motivation", "injury", "spO2",
        "systolic", "diastolic", "hydration", "hydrationVolume", "readiness", "baevskySI", "bloodGlucose", "lactate",
        "bodyFat", "abdomen", "vo2max", "comments", "steps", "respiration", "carbohydrates", "protein", "fatTotal",
        "locked", "tempWeight", "tempRestingHR",
    ];

    public static readonly string[] Event =
    [
        "id", "start_date_local", "icu_training_load", "icu_atl", "icu_ctl", "type", "carbs_used", "ss_p_max",
        "ss_w_prime", "ss_cp", "calendar_id", "uid", "athlete_id", "category", "end_date_local", "name",
        "description", "indoor", "color", "moving_time", "icu_ftp", "w_prime", "p_max", "atl_days", "ctl_days",
        "updated", "not_on_fitness_chart", "show_as_note", "show_on_ctl_line", "for_week", "target", "joules",
        "joules_above_ftp", "workout_doc", "push_errors", "athlete_cannot_edit", "hide_from_athlete",
        "structure_read_only", "created_by_id", "shared_event_id", "entered", "carbs_per_hour", "sub_type",
        "distance", "tags", "attachments", "oauth_client_id", "external_id", "load_target", "time_target",
        "distance_target", "training_availability", "max_training_time", "can_train_sports", "plan_athlete_id",
        "plan_folder_id", "plan_workout_id", "plan_applied", "icu_intensity", "strain_score",
    ];

    public static readonly string[] SportSettings =
    [
        "id", "athlete_id", "types", "warmup_time", "cooldown_time", "ftp", "indoor_ftp", "w_prime", "p_max",
        "power_zones", "sweet_spot_min", "sweet_spot_max", "power_spike_threshold", "power_zone_names",
        "ftp_est_min_secs", "use_laps_for_power_intervals", "keep_all_laps_for_power_intervals",
        "power_intervals_start_locked", "after_kj0", "after_kj1", "power_field", "lthr", "max_hr", "hr_zones",
        "hr_zone_names", "hr_load_type", "hrrc_min_percent", "threshold_pace", "pace_units", "pace_zones",
        "pace_zone_names", "pace_load_type", "gap_model", "elevation_correction", "use_gap_zone_times",
        "best_effort_distances", "pace_curve_start", "load_order", "tiz_order", "workout_order", "interval_display",
        "default_gear_id", "default_indoor_gear_id", "extract_workouts", "show_pauses", "ignore_velocity",
        "default_workout_time", "update_activity_name_from_workout", "created", "updated", "mmp_model", "display",
        "activity_field_ids", "activity_charts", "custom_field_ids", "custom_field_values", "custom_zones_ids",
        "calendar_tile_activity_panel_id", "other", "iseFTPSupported", "use_distance_for_intervals",
    ];

    // The fields GET /athlete/{id} and GET /athlete/{id}/athletes share, in the order Intervals.icu sends them.
    private static readonly string[] AthleteCommon =
    [
        "id", "name", "firstname", "lastname", "profile_medium", "measurement_preference", "weight_pref_lb",
        "fahrenheit", "wind_speed", "rain", "weight", "email", "sex", "city", "state", "country", "countries",
        "languages", "bikes", "shoes", "timezone", "locale", "date_format", "time_format", "visibility",
        "icu_last_seen", "status", "status_updated", "icu_resting_hr", "icu_weight", "icu_weight_sync",
        "icu_activated", "icu_queue_pos", "icu_admin", "icu_friend_invite_token", "icu_permission", "icu_effort_secs",
        "icu_coach", "bio", "website", "icu_date_of_birth", "icu_api_key", "icu_type_settings", "icu_form_as_percent",
        "icu_mmp_days", "icu_wellness_prompt", "wellness_last_prompt_date", "icu_wellness_keys",
        "private_wellness_keys", "icu_track_menstrual_cycle", "icu_menstrual_cycle_perm", "activity_rpe_prompt",
        "coach_ticks", "icu_garmin_health", "icu_garmin_training", "icu_garmin_sync_activities",
        "garmin_sync_activity_types", "garmin_sync_after", "icu_garmin_download_wellness",
        "icu_garmin_upload_workouts", "icu_garmin_outdoor_power_range", "icu_garmin_hr_range", "garmin_pace_range",
        "garmin_power_target", "icu_garmin_last_upload", "icu_garmin_upload_filters", "icu_garmin_wellness_keys",
        "open_step_duration", "polar_scope", "polar_sync_activities", "polar_sync_activity_types",
        "polar_download_wellness", "polar_wellness_keys", "suunto_scope", "suunto_user_id", "suunto_sync_activities",
        "suunto_sync_activity_types", "suunto_upload_workouts", "suunto_outdoor_power_range", "suunto_hr_range",
        "suunto_pace_range", "suunto_last_upload", "suunto_upload_filters", "suunto_download_wellness",
        "coros_user_id", "coros_sync_activities", "coros_upload_workouts", "coros_download_wellness",
        "coros_last_upload", "concept2_user_id", "concept2_sync_activities", "zepp_user_id", "zepp_sync_activities",
        "zepp_upload_workouts", "zepp_download_wellness", "huawei_user_id", "huawei_sync_activities",
        "huawei_upload_workouts", "huawei_download_wellness", "wahoo_user_id", "wahoo_sync_activities",
        "wahoo_upload_workouts", "zwift_user_id", "zwift_sync_activities", "zwift_upload_workouts", "dropbox_scope",
        "oura_scope", "oura_wellness_keys", "whoop_scope", "whoop_wellness_keys", "google_scope",
        "google_wellness_keys", "icu_email_verified", "icu_email_disabled", "email_notifications",
        "push_notifications", "notification_athlete_tags_enabled", "has_push_subscriptions",
        "include_descr_in_plan_for_week", "icu_send_achievements", "icu_send_newsletter", "icu_send_private_chat",
        "icu_send_private_msg", "icu_send_follow_req", "icu_send_group_chat", "icu_send_group_msg",
        "icu_send_activity_chat", "icu_send_followed_activity_chat", "icu_send_coached_activity_chat",
        "icu_send_activity_msg", "icu_send_coach_me_req", "icu_send_gear_alerts", "icu_send_plan_for_week",
        "icu_send_followed_new_activity", "icu_send_coached_new_activity", "icu_send_coach_tick", "strava_allowed",
        "strava_id", "scope", "strava_sync_activities", "strava_sync_activity_types", "strava_sync_other_activities",
        "ignore_strava_gear", "update_strava_name", "add_weather_to_strava_descr", "height", "height_units", "plan",
        "plan_expires", "trial_end_date", "sponsored_by_chat_id", "has_password", "beta_user", "currency",
        "training_plan_id", "training_plan_start_date", "training_availability",
    ];

    public static readonly string[] Athlete = [.. AthleteCommon, "strava_authorized", "sportSettings", "custom_items"];

    public static readonly string[] AthleteWithTags = [.. AthleteCommon, "icu_tags", "icu_notes", "strava_authorized"];

    public static readonly string[] Gear =
    [
        "id", "athlete_id", "type", "name", "purchased", "notes", "distance", "time", "activities",
        "use_elapsed_time", "retired", "component_ids", "reminders", "activity_filters", "component",
    ];

    public static readonly string[] GearReminder =
    [
        "id", "gear_id", "name", "distance", "time", "activities", "days", "last_reset", "starting_distance",
        "starting_time", "starting_activities", "snoozed_until", "percent_used", "distance_used", "time_used",
        "activities_used", "days_used",
    ];

    public static readonly string[] Workout =
    [
        "athlete_id", "id", "icu_training_load", "name", "description", "type", "indoor", "color", "moving_time",
        "updated", "joules", "joules_above_ftp", "workout_doc", "folder_id", "day", "days", "plan_applied",
        "hide_from_athlete", "target", "targets", "carbs_per_hour", "tags", "attachments", "time", "sub_type",
        "for_week", "distance", "icu_intensity",
    ];

    public static readonly string[] Folder =
    [
        "athlete_id", "id", "type", "name", "description", "children", "visibility", "start_date_local",
        "rollout_weeks", "auto_rollout_day", "read_only_workouts", "starting_ctl", "starting_atl", "activity_types",
        "num_workouts", "duration_weeks", "hours_per_week_min", "hours_per_week_max", "workout_targets", "blurb",
        "canEdit", "sharedWithCount", "shareToken", "owner",
    ];

    public static readonly string[] DataCurve =
    [
        "id", "after_kj", "filters", "label", "filter_label", "percentile", "start_date_local", "end_date_local",
        "days", "moving_time", "training_load", "weight", "secs", "distance", "values", "submax_values",
        "submax_activity_id", "start_index", "end_index", "activity_id",
    ];

    public static readonly string[] PowerCurve =
    [
        "id", "after_kj", "filters", "label", "filter_label", "percentile", "start_date_local", "end_date_local",
        "days", "moving_time", "training_load", "weight", "secs", "values", "submax_values", "submax_activity_id",
        "start_index", "end_index", "activity_id", "watts_per_kg", "wkg_activity_id", "submax_watts_per_kg",
        "submax_wkg_activity_id", "powerModels", "ranks", "mapPlot", "stream_type", "stream_name", "watts",
        "vo2max_5m", "compound_score_5m",
    ];
}
